package dev.cachet.core.fingerprint;

import java.lang.reflect.Array;
import java.util.function.Consumer;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * Writes an annotation with all its values as unambiguous text (strings are length-prefixed), and
 * hands the text over when the annotation ends.
 */
final class AnnotationText extends AnnotationVisitor {

	private final StringBuilder text;

	private final String close;

	private final Consumer<String> whenDone;

	private boolean first = true;

	private AnnotationText(String open, String close, Consumer<String> whenDone) {
		super(SpringAsmInfo.ASM_VERSION);
		this.text = new StringBuilder(open);
		this.close = close;
		this.whenDone = whenDone;
	}

	static AnnotationText annotation(String prefix, String descriptor, Consumer<String> whenDone) {
		return new AnnotationText(prefix + "@" + descriptor + "(", ")", whenDone);
	}

	static AnnotationText value(String prefix, Consumer<String> whenDone) {
		return new AnnotationText(prefix, "", whenDone);
	}

	@Override
	public void visit(String name, Object value) {
		element(name);
		if (value.getClass().isArray()) {
			this.text.append('[');
			for (int i = 0; i < Array.getLength(value); i++) {
				appendScalar(Array.get(value, i));
				this.text.append(',');
			}
			this.text.append(']');
		}
		else {
			appendScalar(value);
		}
	}

	@Override
	public void visitEnum(String name, String descriptor, String value) {
		element(name);
		this.text.append("enum ").append(descriptor).append('.');
		appendString(value);
	}

	@Override
	public AnnotationVisitor visitAnnotation(String name, String descriptor) {
		element(name);
		return annotation("", descriptor, this.text::append);
	}

	@Override
	public AnnotationVisitor visitArray(String name) {
		element(name);
		return new AnnotationText("[", "]", this.text::append);
	}

	@Override
	public void visitEnd() {
		this.whenDone.accept(this.text.append(this.close).toString());
	}

	private void element(String name) {
		if (!this.first) {
			this.text.append(',');
		}
		this.first = false;
		if (name != null) {
			this.text.append(name).append('=');
		}
	}

	private void appendScalar(Object value) {
		if (value instanceof String string) {
			appendString(string);
		}
		else if (value instanceof Type type) {
			this.text.append("class ").append(type.getDescriptor());
		}
		else {
			this.text.append(value.getClass().getSimpleName()).append(' ').append(value);
		}
	}

	private void appendString(String value) {
		this.text.append('"').append(value.length()).append(':').append(value).append('"');
	}

}
