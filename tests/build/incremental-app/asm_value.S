/* An assembly source in an app: returns 5. */
.text
.globl asm_value
.type asm_value, @function
asm_value:
	movl $5, %eax
	ret
.section .note.GNU-stack, "", @progbits
