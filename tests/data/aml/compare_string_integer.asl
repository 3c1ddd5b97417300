// name: a comparison converts its second operand to the first one's type: 0x12 == "12" is true, "12" == 0x12 is false
// expect: Package(2) {0xFFFFFFFFFFFFFFFF, 0x0}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x12
        Local7 = Package (2) {}
        Local7[0] = (Local0 == "12")
        Local7[1] = ("12" == Local0)
        Return (Local7)
    }
}
