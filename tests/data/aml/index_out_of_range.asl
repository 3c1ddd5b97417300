// name: Index past the end of a package is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Package () { 1, 2, 3 }
        Local1 = 3
        Return (DerefOf (Local0[Local1]))
    }
}
