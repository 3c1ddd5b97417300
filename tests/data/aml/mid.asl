// name: Mid of a string and a buffer, cut at the end, and past the end (empty)
// expect: Package(4) {"cde", Buffer(2) {03 04}, "ef", ""}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "abcdef"
        Local1 = Buffer () { 1, 2, 3, 4, 5 }
        Local7 = Package (4) {}
        Local7[0] = Mid (Local0, 2, 3)
        Mid (Local1, 2, 2, Local2)
        Local7[1] = Local2
        Local7[2] = Mid (Local0, 4, 100)
        Local7[3] = Mid (Local0, 10, 2)
        Return (Local7)
    }
}
