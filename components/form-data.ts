/**
 * The form's data without the parts of file inputs left empty: a browser posts those as a
 * nameless empty file, which the server would otherwise take for an uploaded empty file.
 */
export function formDataWithoutEmptyFiles(form: HTMLFormElement): FormData {
  const formData = new FormData(form);
  for (const [key, value] of [...formData.entries()]) {
    if (value instanceof File && value.size === 0 && value.name === '') formData.delete(key);
  }
  return formData;
}
