// name: an OperationRegion declared in a method at a run-time address, with a WordAcc field list
// expect: 0x128A
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0, Serialized)
    {
        Local0 = 0x10005000
        OperationRegion (DYN, SystemMemory, Local0, 4)
        Field (DYN, WordAcc, NoLock, Preserve)
        {
            W16, 16,
            W8, 8
        }
        W16 = 0x1234
        W8 = 0x56
        Return (W16 + W8)
    }
}
