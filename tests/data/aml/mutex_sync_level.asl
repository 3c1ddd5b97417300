// name: acquiring a mutex of a lower sync level while holding a higher one is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (HIGH, 5)
    Mutex (LOW, 2)
    Method (MAIN, 0)
    {
        Acquire (HIGH, 0xFFFF)
        Acquire (LOW, 0xFFFF)
        Release (LOW)
        Release (HIGH)
        Return (1)
    }
}
