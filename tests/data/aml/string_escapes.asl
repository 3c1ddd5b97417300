// name: a string with a quote, a backslash, a tab and a control byte prints with escapes
// expect: "say \"hi\"\\n\x09\x01!"
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "say \"hi\"\\n\t\x01!"
        Return (Local0)
    }
}
