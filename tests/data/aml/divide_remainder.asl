// name: Divide stores the remainder and the quotient in their targets
// expect: Package(3) {0x2, 0xE, 0xE}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 100
        Local1 = 7
        Local5 = Divide (Local0, Local1, Local2, Local3)
        Local7 = Package (3) {}
        Local7[0] = Local2
        Local7[1] = Local3
        Local7[2] = Local5
        Return (Local7)
    }
}
