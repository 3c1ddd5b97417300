// name: calling an External method that no table defines is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    External (\MISS, MethodObj)
    Method (MAIN, 0)
    {
        Return (\MISS ())
    }
}
