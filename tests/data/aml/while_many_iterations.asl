// name: a While of 50000 iterations finishes (below every loop limit)
// expect: 0x4A811AD8
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local1 = 0
        While (Local0 < 50000) {
            Local1 += Local0
            Local0++
        }
        Return (Local1)
    }
}
