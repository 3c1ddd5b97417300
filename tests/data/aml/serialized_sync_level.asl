// name: a Serialized method of SyncLevel 5 may not acquire a mutex of SyncLevel 2
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (LOW, 2)
    Method (HIGH, 0, Serialized, 5)
    {
        Acquire (LOW, 0xFFFF)
        Release (LOW)
        Return (1)
    }
    Method (MAIN, 0)
    {
        Return (HIGH ())
    }
}
