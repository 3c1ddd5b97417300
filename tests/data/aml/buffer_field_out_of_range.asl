// name: CreateDWordField that reaches past the end of its buffer is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (6) {}
        Local1 = 4
        CreateDWordField (Local0, Local1, OVER)
        OVER = 1
        Return (Local0)
    }
}
