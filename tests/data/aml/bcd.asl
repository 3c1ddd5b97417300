// name: ToBCD and FromBCD
// expect: Package(2) {0x1234, 0x162E}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 1234
        Local1 = 0x5678
        Local7 = Package (2) {}
        Local7[0] = ToBCD (Local0)
        Local7[1] = FromBCD (Local1)
        Return (Local7)
    }
}
