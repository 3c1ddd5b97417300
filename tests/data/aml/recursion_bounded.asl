// name: recursion 20 calls deep (factorial of 20, 64-bit)
// expect: 0x21C3677C82B40000
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (FACT, 1)
    {
        If (Arg0 <= 1) {
            Return (1)
        }
        Return (Arg0 * FACT (Arg0 - 1))
    }
    Method (MAIN, 0)
    {
        Return (FACT (20))
    }
}
