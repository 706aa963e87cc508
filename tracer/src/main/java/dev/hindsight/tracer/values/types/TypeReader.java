package dev.hindsight.tracer.values.types;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Builds {@link Type}s from type DIEs, once per DIE and debug-info object (shared by sessions).
 * A struct only declared in one unit (clang's usual economy for C++) is completed from a unit
 * that defines it, found by qualified name.
 */
public final class TypeReader {
    private static final Map<DebugInfo, TypeReader> READERS = new WeakHashMap<>();
    private static final int ATE_BOOLEAN = 0x2, ATE_FLOAT = 0x4, ATE_SIGNED = 0x5, ATE_SIGNED_CHAR = 0x6,
            ATE_UNSIGNED = 0x7, ATE_UNSIGNED_CHAR = 0x8, ATE_UTF = 0x10;
    private static final int TAG_UNSPECIFIED_TYPE = 0x3b, SDATA = 0x0d;

    /** gcc's spellings of the C integer types, which gdb shows as clang spells them. */
    private static final Map<String, String> BASE_NAMES = Map.of(
            "long int", "long", "long unsigned int", "unsigned long", "short int", "short",
            "short unsigned int", "unsigned short", "long long int", "long long",
            "long long unsigned int", "unsigned long long", "__int128 unsigned", "unsigned __int128");

    private final DebugInfo info;
    private final Map<Die, Type> types = new IdentityHashMap<>();
    private Map<String, Die> definitions;
    private Map<Long, Die> definitionsOfStatics;

    private TypeReader(DebugInfo info) {
        this.info = info;
    }

    public static TypeReader of(DebugInfo info) {
        synchronized (READERS) {
            return READERS.computeIfAbsent(info, TypeReader::new);
        }
    }

    /** Whether a unit's language is C++ (its aggregates are named without {@code struct}). */
    public static boolean isCplus(CompilationUnit unit) {
        long lang = unit.root().unsigned(DwAt.LANGUAGE).orElse(0);
        return lang == 0x04 || lang == 0x19 || lang == 0x1a || lang == 0x21;
    }

    /** The type of a DIE with DW_AT_type (a variable, member, parameter); void when it has none. */
    public synchronized Type typeOf(Die owner) {
        Optional<Die> t = DieNames.declaration(owner).reference(DwAt.TYPE);
        if (t.isEmpty()) t = owner.reference(DwAt.TYPE);
        return t.map(this::read).orElseGet(Type::voidType);
    }

    public synchronized Type read(Die die) {
        Type t = types.get(die);
        if (t != null) return t;
        try {
            return build(die);
        } catch (DwarfFormatException e) {
            Type u = new Type(Type.Kind.UNKNOWN);
            u.name = "<bad type: " + e.getMessage() + ">";
            types.put(die, u);
            return u;
        }
    }

    private Type build(Die die) {
        boolean cplus = isCplus(die.unit());
        Type t;
        switch (die.tag()) {
            case DwTag.BASE_TYPE -> {
                t = register(die, new Type(Type.Kind.BASE), cplus);
                t.name = BASE_NAMES.getOrDefault(die.name(), die.name());
                t.size = die.unsigned(DwAt.BYTE_SIZE).orElse(0);
                t.encoding = encoding(die.unsigned(DwAt.ENCODING).orElse(0));
            }
            case TAG_UNSPECIFIED_TYPE -> {
                t = register(die, new Type(Type.Kind.BASE), cplus);
                t.name = die.name() != null ? die.name() : "void";
                t.size = 8;
                t.encoding = Type.Encoding.UNSIGNED;
            }
            case DwTag.POINTER_TYPE, DwTag.REFERENCE_TYPE, DwTag.RVALUE_REFERENCE_TYPE -> {
                Type.Kind k = die.tag() == DwTag.POINTER_TYPE ? Type.Kind.POINTER
                        : die.tag() == DwTag.REFERENCE_TYPE ? Type.Kind.REFERENCE : Type.Kind.RVALUE_REFERENCE;
                t = register(die, new Type(k), cplus);
                t.size = die.unsigned(DwAt.BYTE_SIZE).orElse(8);
                t.target = targetOf(die);
            }
            case DwTag.CONST_TYPE, DwTag.VOLATILE_TYPE -> {
                t = register(die, new Type(die.tag() == DwTag.CONST_TYPE ? Type.Kind.CONST : Type.Kind.VOLATILE), cplus);
                t.target = targetOf(die);
            }
            case DwTag.TYPEDEF -> {
                t = register(die, new Type(Type.Kind.TYPEDEF), cplus);
                t.name = cplus ? DieNames.qualifiedName(die) : die.name();
                t.target = targetOf(die);
            }
            case DwTag.ARRAY_TYPE -> t = array(die, cplus);
            case DwTag.STRUCTURE_TYPE, DwTag.CLASS_TYPE, DwTag.UNION_TYPE -> t = aggregate(die, cplus);
            case DwTag.ENUMERATION_TYPE -> t = enumeration(die, cplus);
            case DwTag.SUBROUTINE_TYPE, DwTag.SUBPROGRAM -> t = function(die, cplus);
            case DwTag.RESTRICT_TYPE, DwTag.ATOMIC_TYPE -> {
                t = targetOf(die);
                types.put(die, t);
            }
            default -> {
                t = register(die, new Type(Type.Kind.UNKNOWN), cplus);
                t.name = die.name() != null ? die.name() : "<unknown type>";
                t.size = die.unsigned(DwAt.BYTE_SIZE).orElse(-1);
            }
        }
        return t;
    }

    private Type register(Die die, Type t, boolean cplus) {
        t.cplus = cplus;
        types.put(die, t);
        return t;
    }

    private Type targetOf(Die die) {
        return die.reference(DwAt.TYPE).map(this::read).orElseGet(Type::voidType);
    }

    private static Type.Encoding encoding(long ate) {
        return switch ((int) ate) {
            case ATE_BOOLEAN -> Type.Encoding.BOOLEAN;
            case ATE_FLOAT -> Type.Encoding.FLOAT;
            case ATE_SIGNED -> Type.Encoding.SIGNED;
            case ATE_SIGNED_CHAR -> Type.Encoding.SIGNED_CHAR;
            case ATE_UNSIGNED, ATE_UTF -> Type.Encoding.UNSIGNED;
            case ATE_UNSIGNED_CHAR -> Type.Encoding.UNSIGNED_CHAR;
            default -> Type.Encoding.OTHER;
        };
    }

    private Type array(Die die, boolean cplus) {
        List<Long> counts = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() != DwTag.SUBRANGE_TYPE) continue;
            long n = c.unsigned(DwAt.COUNT).orElse(-1);
            if (n < 0 && c.has(DwAt.UPPER_BOUND)) {
                n = c.signed(DwAt.UPPER_BOUND).orElse(-2) - c.signed(DwAt.LOWER_BOUND).orElse(0) + 1;
            }
            counts.add(n);
        }
        if (counts.isEmpty()) counts.add(-1L);
        Type outer = register(die, new Type(Type.Kind.ARRAY), cplus);
        Type element = targetOf(die);
        Type current = outer;
        for (int i = 0; i < counts.size(); i++) {
            current.count = counts.get(i);
            if (i == counts.size() - 1) {
                current.target = element;
            } else {
                Type inner = new Type(Type.Kind.ARRAY);
                inner.cplus = cplus;
                current.target = inner;
                current = inner;
            }
        }
        return outer;
    }

    private Type aggregate(Die die, boolean cplus) {
        Optional<Type> complete = completed(die);
        if (complete.isPresent()) return complete.get();
        Type.Kind k = die.tag() == DwTag.UNION_TYPE ? Type.Kind.UNION
                : die.tag() == DwTag.CLASS_TYPE ? Type.Kind.CLASS : Type.Kind.STRUCT;
        // gdb names C++ classes without the keyword, and calls "class" a struct in C-style names.
        Type t = register(die, new Type(k == Type.Kind.CLASS && !cplus ? Type.Kind.STRUCT : k), cplus);
        t.name = cplus ? DieNames.qualifiedName(die) : die.name();
        t.size = die.unsigned(DwAt.BYTE_SIZE).orElse(-1);
        t.declaration = die.flag(DwAt.DECLARATION);
        List<Member> members = new ArrayList<>();
        List<Type> templateArgs = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() == DwTag.TEMPLATE_TYPE_PARAMETER) {
                templateArgs.add(targetOf(c));
            } else if (c.tag() == DwTag.INHERITANCE) {
                Type base = targetOf(c);
                members.add(new Member(TypeNames.of(base), base, memberOffset(c), 0, 0, true, false));
            } else if (c.tag() == DwTag.MEMBER && !c.flag(DwAt.EXTERNAL) && !c.flag(DwAt.DECLARATION)) {
                members.add(member(c));
            } else if (c.tag() == DwTag.MEMBER || c.tag() == DwTag.VARIABLE) {
                members.add(new Member(c.name(), targetOf(c), 0, 0, 0, false, false, staticAddress(c), true));
            }
        }
        t.members = List.copyOf(members);
        t.templateArguments = List.copyOf(templateArgs);
        return t;
    }

    private Member member(Die c) {
        Type type = targetOf(c);
        String name = c.name();
        boolean artificial = c.flag(DwAt.ARTIFICIAL);
        long bitSize = c.unsigned(DwAt.BIT_SIZE).orElse(0);
        if (bitSize == 0) return new Member(name, type, memberOffset(c), 0, 0, false, artificial);
        long bitPosition;
        if (c.has(DwAt.DATA_BIT_OFFSET)) {
            bitPosition = c.unsigned(DwAt.DATA_BIT_OFFSET).getAsLong();
        } else {
            // DWARF 2/3: bit_offset counts from the most significant bit of a storage unit of byte_size bytes.
            long storage = c.unsigned(DwAt.BYTE_SIZE).orElse(type.size());
            long fromMsb = c.unsigned(DwAt.BIT_OFFSET).orElse(0);
            bitPosition = memberOffset(c) * 8 + storage * 8 - fromMsb - bitSize;
        }
        return new Member(name, type, bitPosition / 8, (int) bitSize, (int) (bitPosition % 8), false, artificial);
    }

    private static long memberOffset(Die c) {
        Optional<byte[]> block = c.block(DwAt.DATA_MEMBER_LOCATION);
        if (block.isPresent()) {
            byte[] b = block.get();
            // The form compilers use for an expression: DW_OP_plus_uconst ULEB.
            return b.length >= 2 && (b[0] & 0xff) == 0x23 ? ulebOperand(b) : 0;
        }
        return c.unsigned(DwAt.DATA_MEMBER_LOCATION).orElse(0);
    }

    /** For a declaration, the type of a definition with the same qualified name elsewhere. */
    private Optional<Type> completed(Die die) {
        if (!die.flag(DwAt.DECLARATION)) return Optional.empty();
        Optional<Die> full = definition(DieNames.qualifiedName(die));
        if (full.isEmpty() || full.get() == die) return Optional.empty();
        Type t = read(full.get());
        types.put(die, t);
        return Optional.of(t);
    }

    private Type enumeration(Die die, boolean cplus) {
        Optional<Type> complete = completed(die);
        if (complete.isPresent()) return complete.get();
        Type t = register(die, new Type(Type.Kind.ENUM), cplus);
        t.name = cplus ? DieNames.qualifiedName(die) : die.name();
        t.size = die.unsigned(DwAt.BYTE_SIZE).orElse(4);
        Optional<Die> underlying = die.reference(DwAt.TYPE);
        boolean unsignedBase = underlying.map(u -> !read(u).isSigned()).orElse(false);
        List<Enumerator> values = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() != DwTag.ENUMERATOR) continue;
            long v = c.attribute(DwAt.CONST_VALUE)
                    .map(a -> a.form() == SDATA || !unsignedBase ? a.signedValue() : a.value()).orElse(0L);
            values.add(new Enumerator(cplus ? DieNames.qualifiedName(c) : c.name(), v));
        }
        boolean signed = underlying.isPresent() ? !unsignedBase : values.stream().anyMatch(e -> e.value() < 0);
        t.encoding = signed ? Type.Encoding.SIGNED : Type.Encoding.UNSIGNED;
        t.enumerators = List.copyOf(values);
        return t;
    }

    private Type function(Die die, boolean cplus) {
        Type t = register(die, new Type(Type.Kind.FUNCTION), cplus);
        t.size = 1;
        t.target = targetOf(die);
        t.prototyped = cplus || die.flag(DwAt.PROTOTYPED);
        List<Type> params = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() == DwTag.FORMAL_PARAMETER && !c.flag(DwAt.ARTIFICIAL)) params.add(typeOf(c));
            else if (c.tag() == DwTag.UNSPECIFIED_PARAMETERS) t.varargs = true;
        }
        t.parameters = List.copyOf(params);
        return t;
    }

    /** The link-time address of a static member's definition (DW_AT_specification pointing at it), or -1. */
    private long staticAddress(Die declaration) {
        if (definitionsOfStatics == null) {
            Map<Long, Die> map = new HashMap<>();
            for (CompilationUnit u : info.units()) {
                try {
                    collectStaticDefinitions(u.root(), map);
                } catch (DwarfFormatException e) {
                    // A damaged unit defines nothing.
                }
            }
            definitionsOfStatics = map;
        }
        Die def = definitionsOfStatics.get(declaration.offset());
        if (def == null) return -1;
        byte[] loc = def.block(DwAt.LOCATION).orElse(new byte[0]);
        if (loc.length == 9 && (loc[0] & 0xff) == 0x03) {
            return java.nio.ByteBuffer.wrap(loc, 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        }
        if (loc.length >= 2 && (loc[0] & 0xff) == 0xa1) return def.indexedAddress(ulebOperand(loc));
        return -1;
    }

    /** The ULEB128 operand of a one-operation expression ({@code DW_OP_plus_uconst n}, {@code DW_OP_addrx i}). */
    private static long ulebOperand(byte[] expression) {
        long v = 0;
        int shift = 0;
        for (int i = 1; i < expression.length && shift < 63; i++, shift += 7) {
            v |= (long) (expression[i] & 0x7f) << shift;
            if ((expression[i] & 0x80) == 0) break;
        }
        return v;
    }

    /** Definitions of static members sit at file scope or in the namespace of their class. */
    private static void collectStaticDefinitions(Die parent, Map<Long, Die> into) {
        for (Die d : parent.children()) {
            if (d.tag() == DwTag.VARIABLE && d.has(DwAt.SPECIFICATION)) {
                d.reference(DwAt.SPECIFICATION).ifPresent(spec -> into.putIfAbsent(spec.offset(), d));
            } else if (d.tag() == DwTag.NAMESPACE) {
                collectStaticDefinitions(d, into);
            }
        }
    }

    /** A complete struct, class, union or enum of this name anywhere in the debug information. */
    private Optional<Die> definition(String qualifiedName) {
        if (qualifiedName == null) return Optional.empty();
        if (definitions == null) {
            Map<String, Die> map = new HashMap<>();
            for (CompilationUnit u : info.units()) {
                try {
                    for (Die d : u.allDies()) {
                        int tag = d.tag();
                        if ((tag == DwTag.STRUCTURE_TYPE || tag == DwTag.CLASS_TYPE || tag == DwTag.UNION_TYPE
                                || tag == DwTag.ENUMERATION_TYPE) && !d.flag(DwAt.DECLARATION) && d.name() != null) {
                            map.putIfAbsent(DieNames.qualifiedName(d), d);
                        }
                    }
                } catch (DwarfFormatException e) {
                    // A damaged unit offers no definitions.
                }
            }
            definitions = map;
        }
        return Optional.ofNullable(definitions.get(qualifiedName));
    }

    /** A named type (typedef, struct/union/enum tag or base type) visible in a unit, for casts. */
    public synchronized Optional<Type> named(CompilationUnit unit, String name, int tag) {
        for (Die d : unit.allDies()) {
            if (d.tag() != tag) continue;
            if (name.equals(d.name()) || name.equals(DieNames.qualifiedName(d))) {
                if (d.flag(DwAt.DECLARATION) && tag != DwTag.TYPEDEF) {
                    Optional<Die> full = definition(DieNames.qualifiedName(d));
                    if (full.isPresent()) return Optional.of(read(full.get()));
                }
                return Optional.of(read(d));
            }
        }
        return Optional.empty();
    }
}
