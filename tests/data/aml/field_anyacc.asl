// name: AnyAcc fields at a bit offset in a SystemIO region
// expect: 0x1234ABC0
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RR, SystemIO, 0x0E00, 8)
    Field (RR, AnyAcc, NoLock, Preserve)
    {
        , 4,
        NIB, 12,
        W, 16
    }
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        ALL, 32
    }
    Method (MAIN, 0)
    {
        NIB = 0xABC
        W = 0x1234
        Return (ALL)
    }
}
