// name: ToBuffer of a Package is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Package () { 1 }
        Return (ToBuffer (Local0))
    }
}
