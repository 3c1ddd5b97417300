// name: DerefOf of a plain Integer is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 5
        Return (DerefOf (Local0))
    }
}
