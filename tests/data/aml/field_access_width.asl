// name: a WordAcc field that starts mid-word is written by read-modify-write of whole words
// expect: Package(2) {0x44CDAB11, 0xCDAB}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RAM1, SystemMemory, 0x10001000, 4)
    Field (RAM1, DWordAcc, NoLock, Preserve)
    {
        ALL, 32
    }
    Field (RAM1, WordAcc, NoLock, Preserve)
    {
        Offset (1),
        MIDW, 16
    }
    Method (MAIN, 0)
    {
        ALL = 0x44332211
        MIDW = 0xCDAB
        Local7 = Package (2) {}
        Local7[0] = ALL
        Local7[1] = MIDW
        Return (Local7)
    }
}
