// name: a Name inside a NotSerialized method is created afresh at each call
// expect: Package(2) {0x8, 0x8}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MKNM, 0)
    {
        Name (LOCL, 7)
        LOCL++
        Return (LOCL)
    }
    Method (MAIN, 0)
    {
        Local7 = Package (2) {}
        Local7[0] = MKNM ()
        Local7[1] = MKNM ()
        Return (Local7)
    }
}
