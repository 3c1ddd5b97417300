// name: a field reaching past the end of its region (a 1-byte region of run-time length) is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0, Serialized)
    {
        Local0 = 1
        OperationRegion (DYN, SystemMemory, 0x10005000, Local0)
        Field (DYN, ByteAcc, NoLock, Preserve)
        {
            W16, 16
        }
        W16 = 0x1234
        Return (W16)
    }
}
