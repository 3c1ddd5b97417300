// name: ToDecimalString of an integer, of a buffer (comma list), of zero
// expect: Package(3) {"1234", "1,2,255", "0"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 1234
        Local1 = Buffer () { 1, 2, 255 }
        Local2 = 0
        Local7 = Package (3) {}
        Local7[0] = ToDecimalString (Local0)
        Local7[1] = ToDecimalString (Local1)
        Local7[2] = ToDecimalString (Local2)
        Return (Local7)
    }
}
