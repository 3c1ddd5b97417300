// name: Index past the end of a buffer is an error, even for a store
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (4) {}
        Local1 = 4
        Local0[Local1] = 1
        Return (Local0)
    }
}
