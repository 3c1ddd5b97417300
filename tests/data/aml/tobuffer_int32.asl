// name: ToBuffer of an integer in a revision-1 table gives 4 bytes
// expect: Buffer(4) {04 03 02 01}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x01020304
        Return (ToBuffer (Local0))
    }
}
