// name: a Serialized method declaring a Name runs twice (the Name is made and freed per call) and calls another
// expect: 0x18
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (MLCK, 0)
    Method (HELP, 1, NotSerialized)
    {
        Acquire (MLCK, 0xFFFF)
        Local0 = Arg0 * 2
        Release (MLCK)
        Return (Local0)
    }
    Method (SERM, 1, Serialized)
    {
        Name (TMP, 0)
        TMP = Arg0 + 1
        Return (HELP (TMP))
    }
    Method (MAIN, 0)
    {
        Local0 = SERM (10)
        Local1 = SERM (0)
        Return (Local0 + Local1)
    }
}
