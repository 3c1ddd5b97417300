// name: Concatenate of two strings, and of a string with an integer (16 hex digits in a revision-2 table)
// expect: Package(2) {"abcdef", "id=000000000000002A"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "abc"
        Local1 = 0x2A
        Local7 = Package (2) {}
        Local7[0] = Concatenate (Local0, "def")
        Concatenate ("id=", Local1, Local2)
        Local7[1] = Local2
        Return (Local7)
    }
}
