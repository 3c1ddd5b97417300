// name: AccessAs changes the access width inside a field list; the other bytes are preserved
// expect: 0x112233AABBCCDD88
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RR, SystemMemory, 0x10006000, 8)
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        B0, 8,
        AccessAs (DWordAcc),
        D1, 32
    }
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        ALL, 64
    }
    Method (MAIN, 0)
    {
        ALL = 0x1122334455667788
        D1 = 0xAABBCCDD
        Return (ALL)
    }
}
