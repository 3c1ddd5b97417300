// name: methods of 1 to 4 arguments of mixed types; writing an Arg does not change the caller's Local
// expect: Package(4) {0x2, "ab", 0x3, 0x5}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (AONE, 1) { Arg0++  Return (Arg0) }
    Method (ATWO, 2) { Return (Concatenate (Arg0, Arg1)) }
    Method (THRE, 3) { Return (SizeOf (Arg0) + SizeOf (Arg1) - Arg2) }
    Method (FOUR, 4) { Return (DerefOf (Arg3[Arg2])) }
    Method (MAIN, 0)
    {
        Local0 = 1
        Local7 = Package (4) {}
        Local7[0] = AONE (Local0)
        Local7[1] = ATWO ("a", "b")
        Local7[2] = THRE (Buffer (3) {}, "xy", 2)
        Local7[3] = FOUR (0, 0, 1, Package () { 4, 5 })
        Return (Local7)
    }
}
