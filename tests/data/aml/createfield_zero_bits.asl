// name: CreateField of zero bits is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (4) {}
        Local1 = 0
        CreateField (Local0, 0, Local1, FZER)
        Return (FZER)
    }
}
