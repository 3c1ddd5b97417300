// name: a method with seven arguments sees each in its place
// expect: 0x7654321
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (SEVN, 7)
    {
        Return (Arg0 | (Arg1 << 4) | (Arg2 << 8) | (Arg3 << 12) | (Arg4 << 16) | (Arg5 << 20) | (Arg6 << 24))
    }
    Method (MAIN, 0)
    {
        Return (SEVN (1, 2, 3, 4, 5, 6, 7))
    }
}
