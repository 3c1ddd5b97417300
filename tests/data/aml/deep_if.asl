// name: 100 nested Ifs run (a deep parse, bounded by the method, not by a fixed nesting limit)
// expect: 0x64
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        If (Local0 < 1000) { Local0++
        }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
        Return (Local0)
    }
}
