// name: a store through Index into a String replaces one character
// expect: "aZcd"
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "abcd"
        Local0[1] = 0x5A
        Return (Local0)
    }
}
