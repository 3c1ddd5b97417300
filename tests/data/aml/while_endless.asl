// name: an endless While is stopped with an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        While (One) {
            Local0++
        }
        Return (Local0)
    }
}
