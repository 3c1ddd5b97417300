// name: conversions and Concatenate of empty strings and buffers give empty results
// expect: Package(4) {"", "", "", Buffer(0) {}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (0) {}
        Local1 = ""
        Local7 = Package (4) {}
        Local7[0] = ToHexString (Local0)
        Local7[1] = ToDecimalString (Local0)
        Local7[2] = Concatenate (Local1, "")
        Local7[3] = Concatenate (Local0, Local0)
        Return (Local7)
    }
}
