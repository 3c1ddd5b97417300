// name: endless recursion is stopped with an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (DOWN, 1)
    {
        Return (DOWN (Arg0 + 1))
    }
    Method (MAIN, 0)
    {
        Return (DOWN (0))
    }
}
