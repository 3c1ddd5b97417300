// name: Field units in a SystemMemory region: write each, read them back and the whole as a buffer
// expect: Package(5) {0x12, 0x3456, 0xA, 0xDEADBEEF, Buffer(12) {12 56 34 A0 EF BE AD DE 00 00 00 00}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RAM0, SystemMemory, 0x10000000, 0x10)
    Field (RAM0, ByteAcc, NoLock, Preserve)
    {
        F8, 8,
        F16, 16,
        , 4,
        F4, 4,
        F32, 32
    }
    Field (RAM0, ByteAcc, NoLock, Preserve)
    {
        WHOL, 96
    }
    Method (MAIN, 0)
    {
        F8 = 0x12
        F16 = 0x3456
        F4 = 0x0A
        F32 = 0xDEADBEEF
        Local7 = Package (5) {}
        Local7[0] = F8
        Local7[1] = F16
        Local7[2] = F4
        Local7[3] = F32
        Local7[4] = WHOL
        Return (Local7)
    }
}
