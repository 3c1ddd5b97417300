// name: Acquire succeeds (returns Zero), nests, and each Acquire needs its Release
// expect: Package(3) {0x0, 0x0, 0x2A}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (MLCK, 0)
    Name (VAL, 0)
    Method (INNR, 0)
    {
        Acquire (MLCK, 0xFFFF)
        VAL = 42
        Release (MLCK)
    }
    Method (MAIN, 0)
    {
        Local7 = Package (3) {}
        Local7[0] = Acquire (MLCK, 0xFFFF)
        Local7[1] = Acquire (MLCK, 0)
        INNR ()
        Release (MLCK)
        Release (MLCK)
        Local7[2] = VAL
        Return (Local7)
    }
}
