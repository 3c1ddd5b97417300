// name: Add Subtract Multiply And Or XOr NAnd NOr on locals
// expect: Package(8) {0x75, 0x5B, 0x548, 0x8, 0x6D, 0x65, 0xFFFFFFFFFFFFFFF7, 0xFFFFFFFFFFFFFF92}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x68
        Local1 = 0x0D
        Local7 = Package (8) {}
        Local7[0] = Local0 + Local1
        Local7[1] = Local0 - Local1
        Local7[2] = Local0 * Local1
        Local7[3] = Local0 & Local1
        Local7[4] = Local0 | Local1
        Local7[5] = Local0 ^ Local1
        NAnd (Local0, Local1, Local2)
        Local7[6] = Local2
        NOr (Local0, Local1, Local3)
        Local7[7] = Local3
        Return (Local7)
    }
}
