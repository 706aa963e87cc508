package dev.hindsight.dap.protocol;

/** Arguments of the custom {@code stopState} request (a gson bean, like LSP4J's argument types). */
public final class StopStateArguments {
    private Integer levels;
    private MemoryAround memory;

    /** Memory to read as well: {@code count} bytes from a register's value plus {@code offset}. */
    public static final class MemoryAround {
        private String register;
        private Integer offset;
        private Integer count;

        public String getRegister() {
            return register;
        }

        public void setRegister(String register) {
            this.register = register;
        }

        public Integer getOffset() {
            return offset;
        }

        public void setOffset(Integer offset) {
            this.offset = offset;
        }

        public Integer getCount() {
            return count;
        }

        public void setCount(Integer count) {
            this.count = count;
        }
    }

    public MemoryAround getMemory() {
        return memory;
    }

    public void setMemory(MemoryAround memory) {
        this.memory = memory;
    }

    /** How many frames of the stack to return; all (up to the server's limit) when absent. */
    public Integer getLevels() {
        return levels;
    }

    public void setLevels(Integer levels) {
        this.levels = levels;
    }
}
