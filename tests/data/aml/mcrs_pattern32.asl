// name: QEMU's MCRS below 4 GiB takes the If branch and returns the DWordMemory template declared inside it
// expect: Buffer(28) {87 17 00 00 0C 03 00 00 00 00 00 00 00 10 FF FF FF 1F 00 00 00 00 00 00 00 10 79 00}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MCRS, 2, Serialized)
    {
        Name (MR64, ResourceTemplate () {
            QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite,
                0x0000000000000000, 0x0000000000000000, 0xFFFFFFFFFFFFFFFE,
                0x0000000000000000, 0xFFFFFFFFFFFFFFFF, ,, _Y01, AddressRangeMemory, TypeStatic)
        })
        CreateDWordField (MR64, 14, MINL)
        CreateDWordField (MR64, 38, LENL)
        CreateDWordField (MR64, 22, MAXL)
        CreateDWordField (MR64, 26, MAXH)
        MINL = Arg0
        LENL = Arg1
        MAXL = MINL + LENL
        MAXH = 0
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
        Return (MCRS (0x10000000, 0x10000000))
    }
}
