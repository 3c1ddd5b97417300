// name: ConcatenateResTemplate joins two templates under one End Tag
// expect: Buffer(13) {47 01 60 00 60 00 01 01 22 02 00 79 00}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = ResourceTemplate () { IO (Decode16, 0x60, 0x60, 1, 1) }
        Local1 = ResourceTemplate () { IRQNoFlags () { 1 } }
        Return (ConcatenateResTemplate (Local0, Local1))
    }
}
