package org.eduequity.studentcare;

/** Who filled in the SDQ: the student (age 11–16), a teacher or a parent. */
public enum SdqForm {
    SELF, TEACHER, PARENT
}
