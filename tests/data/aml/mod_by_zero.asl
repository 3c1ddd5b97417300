// name: Mod by zero is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local1 = 5
        Return (Local1 % Local0)
    }
}
