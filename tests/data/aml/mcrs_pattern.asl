// name: QEMU's MCRS: QWordMemory template, CreateDWordField halves, MAX = MIN + LEN - 1 with carry, 32-bit table
// expect: Buffer(48) {8A 2B 00 00 0C 03 00 00 00 00 00 00 00 00 00 00 00 F0 01 00 00 00 FF FF FF FF 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 00 79 00}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MCRS, 4, Serialized)
    {
        Name (MR64, ResourceTemplate () {
            QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite,
                0x0000000000000000, 0x0000000000000000, 0xFFFFFFFFFFFFFFFE,
                0x0000000000000000, 0xFFFFFFFFFFFFFFFF, ,, _Y01, AddressRangeMemory, TypeStatic)
        })
        CreateDWordField (MR64, 14, MINL)
        CreateDWordField (MR64, 18, MINH)
        CreateDWordField (MR64, 38, LENL)
        CreateDWordField (MR64, 42, LENH)
        CreateDWordField (MR64, 22, MAXL)
        CreateDWordField (MR64, 26, MAXH)
        MINH = Arg0
        MINL = Arg1
        LENH = Arg2
        LENL = Arg3
        MAXL = MINL + LENL
        MAXH = MINH + LENH
        If (MAXL < MINL) {
            MAXH += One
        }
        If (MAXL < One) {
            MAXH -= One
        }
        MAXL -= One
        If (MAXH == Zero) {
            Name (MR32, ResourceTemplate () {
                DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite,
                    0x00000000, 0x00000000, 0xFFFFFFFE, 0x00000000, 0xFFFFFFFF, ,, _Y02, AddressRangeMemory, TypeStatic)
            })
            CreateDWordField (MR32, 10, MIN)
            CreateDWordField (MR32, 14, MAX)
            CreateDWordField (MR32, 22, LEN)
            MIN = MINL
            MAX = MAXL
            LEN = LENL
            Return (MR32)
        }
        Return (MR64)
    }
    Method (MAIN, 0)
    {
        // A 0x10000000-byte DIMM at 0x1F0000000: the low halves carry.
        Return (MCRS (1, 0xF0000000, 0, 0x10000000))
    }
}
