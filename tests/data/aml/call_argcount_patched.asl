// name: the callee's declared argument count decides how many operands a call takes (AML patched from 3 to 2)
// expect: 0x1021
// patch: 54 41 4B 45 03 -> 54 41 4B 45 02
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (CNT, 0)
    Name (RES, 0)
    // Compiled with 3 arguments, patched to declare 2.  The call below
    // then takes (1, 2) and Increment (CNT) becomes the next statement,
    // run after the call: RES sees CNT == 0.  Unpatched it would be 0x1121.
    Method (TAKE, 3)
    {
        RES = Arg0 + (Arg1 * 0x10) + (CNT * 0x100)
    }
    Method (MAIN, 0)
    {
        TAKE (1, 2, Increment (CNT))
        Return (RES + (CNT * 0x1000))
    }
}
