package dev.hindsight.tracer.dwarf.cfi;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All FDEs of one {@code .eh_frame} or {@code .debug_frame}, sorted by start address for binary search. An entry
 * that cannot be parsed is skipped (its length still lets the walk continue) and recorded in {@link #problems()}.
 */
public final class CallFrameInfo {
    private final List<FrameDescriptionEntry> fdes;
    private final List<DwarfFormatException> problems;

    private CallFrameInfo(List<FrameDescriptionEntry> fdes, List<DwarfFormatException> problems) {
        this.fdes = fdes;
        this.problems = problems;
    }

    public static CallFrameInfo ehFrame(DwarfSections s) {
        return new Parser(s.cursor(DwarfSections.EH_FRAME), true, s.ehFrameAddress()).parse();
    }

    public static CallFrameInfo debugFrame(DwarfSections s) {
        return new Parser(s.cursor(DwarfSections.FRAME), false, 0).parse();
    }

    public List<FrameDescriptionEntry> fdes() { return fdes; }

    public List<DwarfFormatException> problems() { return problems; }

    /** The FDE covering {@code pc}, found by binary search over start addresses. */
    public Optional<FrameDescriptionEntry> fdeFor(long pc) {
        int lo = 0, hi = fdes.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(fdes.get(mid).pcBegin(), pc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Overlapping FDEs are rare but legal; look back a little before giving up.
        for (int i = found; i >= 0 && i > found - 4; i--) if (fdes.get(i).contains(pc)) return Optional.of(fdes.get(i));
        return Optional.empty();
    }

    private static final class Parser {
        private final DwarfCursor section;
        private final boolean eh;
        private final long sectionAddress;
        private final Map<Long, CommonInformationEntry> cies = new HashMap<>();
        private final List<FrameDescriptionEntry> fdes = new ArrayList<>();
        private final List<DwarfFormatException> problems = new ArrayList<>();

        Parser(DwarfCursor section, boolean eh, long sectionAddress) {
            this.section = section;
            this.eh = eh;
            this.sectionAddress = sectionAddress;
        }

        CallFrameInfo parse() {
            DwarfCursor c = section.at(0);
            while (c.remaining() >= 4) {
                long start = c.position();
                boolean[] is64 = new boolean[1];
                long length;
                try {
                    length = c.initialLength(is64);
                } catch (DwarfFormatException e) {
                    problems.add(e);
                    break;
                }
                if (length == 0) {
                    if (eh) break; // the zero terminator ends .eh_frame
                    continue;
                }
                long end = c.position() + length;
                try {
                    DwarfCursor entry = section.slice(c.position(), length);
                    long idField = entry.position();
                    long id = entry.offset(is64[0]);
                    boolean isCie = eh ? id == 0 : id == (is64[0] ? -1L : 0xffffffffL);
                    if (!isCie) {
                        long cieOffset = eh ? idField - id : id;
                        fde(entry, start, cie(cieOffset));
                    } else {
                        cie(start);
                    }
                } catch (DwarfFormatException e) {
                    problems.add(e);
                }
                c.seek(end);
            }
            fdes.sort(Comparator.comparing(FrameDescriptionEntry::pcBegin, Long::compareUnsigned));
            return new CallFrameInfo(List.copyOf(fdes), List.copyOf(problems));
        }

        private CommonInformationEntry cie(long offset) {
            CommonInformationEntry known = cies.get(offset);
            if (known != null) return known;
            DwarfCursor c = section.at(offset);
            boolean[] is64 = new boolean[1];
            long length = c.initialLength(is64);
            DwarfCursor e = section.slice(c.position(), length);
            long id = e.offset(is64[0]);
            if (id != (eh ? 0 : is64[0] ? -1L : 0xffffffffL)) throw e.error("FDE points at a non-CIE");
            int version = e.u8();
            if (version != 1 && version != 3 && version != 4) throw e.error("CIE version " + version);
            String aug = e.cstring();
            int addressSize = 8;
            if (version >= 4) {
                addressSize = e.u8();
                e.u8(); // segment selector size
                if (addressSize != 4 && addressSize != 8) throw e.error("CIE address size " + addressSize);
            }
            if (aug.contains("eh")) e.address(addressSize);
            long codeAlign = e.uleb();
            long dataAlign = e.sleb();
            int ra = version == 1 ? e.u8() : e.ulebInt("return address register");
            int fdeEnc = PointerEncoding.ABSPTR, lsdaEnc = PointerEncoding.OMIT;
            boolean signal = false;
            boolean z = aug.startsWith("z");
            if (z) {
                long augLength = e.uleb();
                DwarfCursor a = section.slice(e.position(), augLength);
                e.skip(augLength);
                for (int i = 1; i < aug.length(); i++) {
                    char ch = aug.charAt(i);
                    if (ch == 'R') fdeEnc = a.u8();
                    else if (ch == 'L') lsdaEnc = a.u8();
                    else if (ch == 'P') PointerEncoding.read(a, a.u8(), sectionAddress, addressSize, 0);
                    else if (ch == 'S') signal = true;
                    else if (ch != 'B' && ch != 'G') break; // unknown: the length lets us skip the rest
                }
            } else if (!aug.isEmpty() && !aug.equals("eh")) {
                throw e.error("unknown CIE augmentation '" + aug + "'");
            }
            byte[] instructions = e.bytes(e.remaining());
            CommonInformationEntry cie = new CommonInformationEntry(offset, version, aug, codeAlign, dataAlign, ra,
                    fdeEnc, lsdaEnc, z, signal, addressSize, instructions);
            cies.put(offset, cie);
            return cie;
        }

        private void fde(DwarfCursor e, long offset, CommonInformationEntry cie) {
            long begin;
            long range;
            if (eh) {
                begin = PointerEncoding.read(e, cie.fdeEncoding(), sectionAddress, cie.addressSize(), 0);
                range = PointerEncoding.readValue(e, cie.fdeEncoding() & 0x0f, cie.addressSize());
            } else {
                begin = e.address(cie.addressSize());
                range = e.address(cie.addressSize());
            }
            if (cie.hasAugmentationData()) e.skip(e.uleb());
            byte[] instructions = e.bytes(e.remaining());
            if (begin == 0 && range == 0) return; // discarded by the linker
            fdes.add(new FrameDescriptionEntry(offset, cie, begin, begin + range, instructions));
        }
    }
}
