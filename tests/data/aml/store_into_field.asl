// name: a Buffer stored into a 16-bit field unit gives its first two bytes; a String its characters
// expect: Package(2) {0x1234, 0x41}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RR, SystemMemory, 0x10004000, 8)
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        F16, 16,
        F8, 8
    }
    Method (MAIN, 0)
    {
        F16 = Buffer () { 0x34, 0x12, 0x99 }
        F8 = "A"
        Local7 = Package (2) {}
        Local7[0] = F16
        Local7[1] = F8
        Return (Local7)
    }
}
