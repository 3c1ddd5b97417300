// name: IndexField writes the index register, then moves data through the data register
// expect: Package(3) {0x55, 0x0, 0x55}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (IDXR, SystemIO, 0x0C00, 2)
    Field (IDXR, ByteAcc, NoLock, Preserve)
    {
        INDX, 8,
        DATA, 8
    }
    IndexField (INDX, DATA, ByteAcc, NoLock, Preserve)
    {
        REG0, 8,
        REG1, 8
    }
    Method (MAIN, 0)
    {
        REG1 = 0x55
        Local7 = Package (3) {}
        Local7[0] = DATA
        // Reading REG0 selects index 0; the simulated port still holds 0x55.
        Local1 = REG0
        Local7[1] = INDX
        Local7[2] = Local1
        Return (Local7)
    }
}
