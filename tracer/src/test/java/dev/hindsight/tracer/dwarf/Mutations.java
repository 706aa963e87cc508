package dev.hindsight.tracer.dwarf;

import java.util.Arrays;
import java.util.Random;

/** Seeded damage of the kinds real files suffer: flipped bits, cut-off ends, overwritten and repeated runs. */
public final class Mutations {
    private Mutations() {}

    public static byte[] damage(byte[] good, Random random) {
        if (good.length == 0) return good;
        byte[] bad = good.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            case 1 -> {
                // Lengths, counts and offsets sit near the start of headers: often the most damaging spot.
                int at = random.nextInt(Math.min(bad.length, 64));
                bad[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> {
                int from = random.nextInt(bad.length), len = Math.min(bad.length - from, 1 + random.nextInt(16));
                for (int i = 0; i < len; i++) bad[from + i] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
            }
            case 3 -> {
                int from = random.nextInt(bad.length), len = Math.min(bad.length - from, 1 + random.nextInt(64));
                byte[] longer = new byte[bad.length + len];
                System.arraycopy(bad, 0, longer, 0, from + len);
                System.arraycopy(bad, from, longer, from + len, bad.length - from);
                return longer;
            }
            default -> {
                for (int f = 1 + random.nextInt(8); f > 0; f--) bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return bad;
    }
}
