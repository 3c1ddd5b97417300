// name: CondRefOf is true for a name that exists and false (target untouched) for one that does not
// expect: Package(4) {0xFFFFFFFFFFFFFFFF, 0x0, 0x2A, 0x7}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    External (\_SB.NONE, IntObj)
    Name (HERE, 0x2A)
    Method (MAIN, 0)
    {
        Local7 = Package (4) {}
        Local7[0] = CondRefOf (HERE, Local0)
        Local1 = 7
        Local7[1] = CondRefOf (\_SB.NONE, Local1)
        Local7[2] = DerefOf (Local0)
        Local7[3] = Local1
        Return (Local7)
    }
}
