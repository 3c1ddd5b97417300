// name: Release of a mutex nobody holds is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (MLCK, 0)
    Method (MAIN, 0)
    {
        Release (MLCK)
        Return (1)
    }
}
