package dev.hindsight.tracer.compile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What a source file is, decided by its extension the way clang decides it. */
public enum SourceLanguage {
    C("c"),
    CXX("c++"),
    /** {@code .s}: assembled as is. */
    ASSEMBLY("assembler"),
    /** {@code .S}: run through the C preprocessor first. */
    PREPROCESSED_ASSEMBLY("assembler-with-cpp");

    private final String clangName;

    SourceLanguage(String clangName) {
        this.clangName = clangName;
    }

    /** The name clang's {@code -x} option takes. */
    public String clangName() {
        return clangName;
    }

    public static Optional<SourceLanguage> of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) return Optional.empty();
        String ext = name.substring(dot + 1);
        if (ext.equals("S")) return Optional.of(PREPROCESSED_ASSEMBLY);
        if (ext.equals("C")) return Optional.of(CXX); // clang's convention, like .cc
        return switch (ext.toLowerCase(Locale.ROOT)) {
            case "c" -> Optional.of(C);
            case "cc", "cpp", "cxx", "c++" -> Optional.of(CXX);
            case "s" -> Optional.of(ASSEMBLY);
            default -> Optional.empty();
        };
    }

    public boolean isAssembly() {
        return this == ASSEMBLY || this == PREPROCESSED_ASSEMBLY;
    }
}
