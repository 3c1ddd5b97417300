// name: shifts by 63 and 64 in a revision-2 table; all ones divided by 2 (unsigned)
// expect: Package(4) {0x0, 0x8000000000000000, 0x1, 0x7FFFFFFFFFFFFFFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 1
        Local1 = 64
        Local2 = 63
        Local3 = Ones
        Local7 = Package (4) {}
        Local7[0] = Local0 << Local1
        Local7[1] = Local0 << Local2
        Local7[2] = Local3 >> Local2
        Local7[3] = Local3 / 2
        Return (Local7)
    }
}
