// name: an Integer too wide for its field unit is cut to the field; WriteAsOnes fills the rest of a DWord access with ones
// expect: Package(4) {0x4, 0xFFF, 0xFFFF, 0xFFFF5AFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RR, SystemIO, 0x0F10, 4)
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        F4, 4,
        F12, 12,
        REST, 16
    }
    OperationRegion (RW, SystemIO, 0x0F00, 4)
    Field (RW, DWordAcc, NoLock, WriteAsOnes)
    {
        , 8,
        MIDL, 8
    }
    Field (RW, ByteAcc, NoLock, Preserve)
    {
        ALL, 32
    }
    Method (MAIN, 0)
    {
        REST = 0xFFFF
        F4 = 0x1234
        F12 = 0xFFFFF
        ALL = 0
        MIDL = 0x5A
        Local7 = Package (4) {}
        Local7[0] = F4
        Local7[1] = F12
        Local7[2] = REST
        Local7[3] = ALL
        Return (Local7)
    }
}
